#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace contend {

namespace {
Error os_error(const std::string& what, const std::string& path) {
  return io_error(what + " '" + path + "': " + std::strerror(errno),
                  "check that the directory exists and is writable, or pass another path");
}
}  // namespace

Status check_writable_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return io_error("cannot create directory '" + dir + "': " + ec.message(), "pass a writable directory");
  const std::string probe = (std::filesystem::path(dir) / (".contend-probe-" + std::to_string(::getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return os_error("cannot create files in directory", dir);
  ::close(fd);
  ::unlink(probe.c_str());
  return Ok{};
}

Status write_file_atomically(const std::string& path, std::string_view data) {
  namespace fs = std::filesystem;
  const fs::path dest(path);
  std::error_code ec;
  if (dest.has_parent_path()) {
    fs::create_directories(dest.parent_path(), ec);
    if (ec) {
      return io_error("cannot create directory '" + dest.parent_path().string() + "': " + ec.message(),
                      "pass an --out path in a writable directory");
    }
  }
  std::string tmp = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return os_error("cannot create temp file for", path);
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = os_error("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return e;
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Error e = os_error("cannot flush", tmp);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = os_error("cannot rename temp file onto", path);
    ::unlink(tmp.c_str());
    return e;
  }
  return Ok{};
}

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return io_error("cannot read '" + path + "': it is a directory", "pass a file inside it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return io_error("cannot read '" + path + "': " + std::strerror(errno), "check the path");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return io_error("error while reading '" + path + "'", "check the file and the disk");
  return ss.str();
}

}  // namespace contend
