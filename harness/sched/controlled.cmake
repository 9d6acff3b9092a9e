# Controlled-scheduling build helpers (include()-able from any harness directory).
#
# contend_add_controlled_library(NAME n SRCS a.cpp... DEPS lib...)
#   Compiles SRCS a second time with clang's thread instrumentation only (-fsanitize=thread at
#   compile time, never at link time), so every access/atomic/lock becomes a call into contend's
#   scheduler runtime instead of libtsan. DEPS give include paths and link dependencies (e.g.
#   TBB::tbb, libcuckoo::libcuckoo, contend_util); do not list the plain library built from
#   the same sources (duplicate symbols).
# contend_link_controlled(TARGET)
#   Links an executable that contains controlled libraries against the runtime (contend_sched),
#   with -rdynamic so shared libraries (libstdc++, libtbb, tbbmalloc) bind to the interposers,
#   and -ldl. Never add -fsanitize=thread to the link.
#
# Both are no-ops with a status message unless CONTEND_CONTROLLED_AVAILABLE (clang, x86-64 Linux,
# no CONTEND_SANITIZER), so g++ and sanitizer builds of the rest of the tree are unaffected.
include_guard(GLOBAL)

set(CONTEND_CONTROLLED_AVAILABLE OFF)
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(CONTEND_CONTROLLED_REASON "needs clang, compiler is ${CMAKE_CXX_COMPILER_ID}")
elseif(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(CONTEND_CONTROLLED_REASON "needs x86-64 Linux")
elseif(NOT "${CONTEND_SANITIZER}" STREQUAL "")
  set(CONTEND_CONTROLLED_REASON "not with CONTEND_SANITIZER=${CONTEND_SANITIZER}")
else()
  set(CONTEND_CONTROLLED_AVAILABLE ON)
  set(CONTEND_CONTROLLED_REASON "")
endif()
# include_guard(GLOBAL) skips this file on a second include(), so the result must outlive the
# first includer's directory scope.
set(CONTEND_CONTROLLED_AVAILABLE ${CONTEND_CONTROLLED_AVAILABLE} CACHE INTERNAL "controlled runtime can be built")
set(CONTEND_CONTROLLED_REASON "${CONTEND_CONTROLLED_REASON}" CACHE INTERNAL "why not")

# Instrumentation only. func-entry/exit hooks are useless to the scheduler (PCs are symbolized
# from the access sites), so they are not emitted. -mcx16 makes 16-byte atomics schedule points.
set(CONTEND_CONTROLLED_COMPILE_FLAGS
    -fsanitize=thread -mcx16 -mllvm -tsan-instrument-func-entry-exit=0
    CACHE INTERNAL "compile flags of controlled (instrumented) code")

function(contend_add_controlled_library)
  cmake_parse_arguments(C "" "NAME" "SRCS;DEPS" ${ARGN})
  if(NOT CONTEND_CONTROLLED_AVAILABLE)
    message(STATUS "contend: controlled library ${C_NAME} skipped (${CONTEND_CONTROLLED_REASON})")
    return()
  endif()
  add_library(${C_NAME} STATIC ${C_SRCS})
  target_compile_options(${C_NAME} PRIVATE ${CONTEND_CONTROLLED_COMPILE_FLAGS})
  target_include_directories(${C_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/harness)
  target_link_libraries(${C_NAME} PUBLIC ${C_DEPS})
endfunction()

function(contend_link_controlled TARGET)
  if(NOT CONTEND_CONTROLLED_AVAILABLE)
    message(STATUS "contend: ${TARGET} not linked for controlled runs (${CONTEND_CONTROLLED_REASON})")
    return()
  endif()
  target_link_libraries(${TARGET} PRIVATE contend_sched ${CMAKE_DL_LIBS} Threads::Threads)
  target_link_options(${TARGET} PRIVATE -rdynamic)
endfunction()
