#include "controlled/clean_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "sched/schedule.h"

namespace contend {

namespace {

bool send_all(int fd, const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool send_message(int fd, const std::string& s) {
  const uint64_t n = s.size();
  return send_all(fd, &n, sizeof n) && send_all(fd, s.data(), s.size());
}

// Reads exactly n bytes before `deadline` (steady clock); false on EOF, error or timeout.
bool recv_all(int fd, void* data, std::size_t n, std::chrono::steady_clock::time_point deadline) {
  char* p = static_cast<char*>(data);
  while (n > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return false;
    if (ready == 0) continue;
    const ssize_t r = ::recv(fd, p, n, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

constexpr uint64_t kMaxMessage = 1ULL << 30;

bool recv_message(int fd, std::string& s, std::chrono::steady_clock::time_point deadline) {
  uint64_t n = 0;
  if (!recv_all(fd, &n, sizeof n, deadline) || n > kMaxMessage) return false;
  s.resize(n);
  return recv_all(fd, s.data(), n, deadline);
}

std::chrono::steady_clock::time_point after(double s) {
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
}

// The child's end of a fork: `body` runs, then the process ends without destructors or atexit
// handlers (they belong to the parent's state).
[[noreturn]] void child_main(int fd, FunctionRef<std::string()> body) {
  // What the child has to say travels on `fd`; a heap the target corrupted makes glibc print
  // its own complaints, which are the parent's to summarize.
  if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, STDERR_FILENO);
  const std::string out = body();
  send_message(fd, out);
  ::close(fd);
  std::_Exit(0);
}

}  // namespace

nlohmann::json to_json(const ControlledRun& r) {
  nlohmann::json v = nlohmann::json::array();
  for (const auto& x : r.violations) {
    v.push_back({{"kind", x.kind}, {"detail", x.detail}, {"thread", x.thread}, {"key", x.key}, {"has_key", x.has_key}});
  }
  return {{"outcome", outcome_name(r.outcome)},
          {"detail", r.detail},
          {"violations", v},
          {"message", r.exec.message},
          {"signal", r.exec.signal},
          {"crashed_thread", r.exec.crashed_thread},
          {"points", r.exec.points},
          {"switches", r.exec.switches},
          {"preemptions", r.exec.preemptions},
          {"trace_hash", r.exec.trace_hash},
          {"schedule", sched::encode_token(r.exec.schedule)},
          {"decision_steps", [&] {
             std::vector<uint64_t> s;
             for (const auto& d : r.exec.schedule.decisions) s.push_back(d.at_step);
             return s;
           }()},
          {"op_steps", r.op_steps}};
}

ControlledRun controlled_run_from_json(const nlohmann::json& j) {
  ControlledRun r;
  r.outcome = parse_outcome(j.at("outcome").get<std::string>()).value_or(Outcome::kCrash);
  r.detail = j.at("detail").get<std::string>();
  for (const auto& x : j.at("violations")) {
    r.violations.push_back({x.at("kind").get<std::string>(), x.at("detail").get<std::string>(),
                            x.at("thread").get<int64_t>(), x.at("key").get<uint64_t>(), x.at("has_key").get<bool>()});
  }
  r.exec.message = j.at("message").get<std::string>();
  r.exec.signal = j.at("signal").get<int>();
  r.exec.crashed_thread = j.at("crashed_thread").get<int>();
  r.exec.points = j.at("points").get<uint64_t>();
  r.exec.switches = j.at("switches").get<uint64_t>();
  r.exec.preemptions = j.at("preemptions").get<uint64_t>();
  r.exec.trace_hash = j.at("trace_hash").get<uint64_t>();
  if (auto s = sched::decode_token(j.at("schedule").get<std::string>()); s.ok()) r.exec.schedule = *s;
  const auto steps = j.value("decision_steps", std::vector<uint64_t>{});
  for (std::size_t i = 0; i < steps.size() && i < r.exec.schedule.decisions.size(); ++i) {
    r.exec.schedule.decisions[i].at_step = steps[i];
  }
  r.op_steps = j.value("op_steps", std::vector<std::vector<uint64_t>>{});
  return r;
}

ControlledRun run_in_child(FunctionRef<ControlledRun()> run, double timeout_s) {
  return controlled_run_from_json(run_json_in_child([&] { return nlohmann::json{{"run", to_json(run())}}; },
                                                    timeout_s)["run"]);
}

nlohmann::json run_json_in_child(FunctionRef<nlohmann::json()> body, double timeout_s) {
  int sv[2];
  ControlledRun failed;
  failed.outcome = Outcome::kCrash;
  const auto wrap = [](const ControlledRun& r) { return nlohmann::json{{"run", to_json(r)}}; };
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    failed.detail = std::string("cannot create a socket for the execution's process: ") + std::strerror(errno);
    return wrap(failed);
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(sv[0]);
    child_main(sv[1], [&] { return body().dump(); });
  }
  ::close(sv[1]);
  if (pid < 0) {
    ::close(sv[0]);
    failed.detail = std::string("cannot fork the execution's process: ") + std::strerror(errno);
    return wrap(failed);
  }
  std::string msg;
  const bool got = recv_message(sv[0], msg, after(timeout_s));
  ::close(sv[0]);
  if (!got) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got) {
    auto j = nlohmann::json::parse(msg, nullptr, false);
    if (!j.is_discarded() && j.contains("run")) return j;
  }
  if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
    failed.exec.signal = WTERMSIG(status);
    failed.detail = "the execution's process died from signal " + std::to_string(failed.exec.signal) + " (" +
                    strsignal(failed.exec.signal) + ") outside the controlled part (e.g. the heap was corrupted)";
  } else if (!got && WIFSIGNALED(status)) {
    failed.outcome = Outcome::kLivelock;
    failed.detail = "the execution's process did not finish within " + std::to_string(timeout_s) + " s";
  } else {
    failed.detail = "the execution's process exited (status " + std::to_string(WEXITSTATUS(status)) +
                    ") before reporting its result";
  }
  return wrap(failed);
}

std::unique_ptr<CleanWorker> CleanWorker::start(Handler handler) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return nullptr;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(sv[0]);
    ::close(sv[1]);
    return nullptr;
  }
  if (pid == 0) {
    ::close(sv[0]);
    std::string job;
    const auto forever = std::chrono::steady_clock::time_point::max();
    while (recv_message(sv[1], job, forever)) {
      auto j = nlohmann::json::parse(job, nullptr, false);
      nlohmann::json reply;
      try {
        reply = j.is_discarded() ? nlohmann::json{{"error", "malformed job"}} : handler(j);
      } catch (const std::exception& e) {
        reply = {{"error", std::string("worker: ") + e.what()}};
      }
      if (!send_message(sv[1], reply.dump())) break;
    }
    std::_Exit(0);
  }
  ::close(sv[1]);
  return std::unique_ptr<CleanWorker>(new CleanWorker(pid, sv[0]));
}

CleanWorker::~CleanWorker() {
  ::close(fd_);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

Result<nlohmann::json> CleanWorker::call(const nlohmann::json& job, double timeout_s) {
  std::string reply;
  if (!send_message(fd_, job.dump()) || !recv_message(fd_, reply, after(timeout_s))) {
    ::kill(pid_, SIGKILL);
    return io_error("the clean worker process died or did not answer within " + std::to_string(timeout_s) + " s");
  }
  auto j = nlohmann::json::parse(reply, nullptr, false);
  if (j.is_discarded()) return io_error("the clean worker process sent a malformed reply");
  if (j.contains("error")) return io_error(j["error"].get<std::string>());
  return j;
}

}  // namespace contend
