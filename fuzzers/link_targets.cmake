# Creates one link per registered target beside a fuzzer binary: DIR/PREFIX_<target>SUFFIX ->
# EXE's file name. The names come from the binary itself (CONTEND_FUZZ_LIST_TARGETS=1 EXE prints
# its registry), so every registered target, in-tree or from CONTEND_EXTRA_TARGETS, gets its
# fuzzer whatever its source file is called.
# cmake -DEXE=... -DDIR=... -DPREFIX=... -DSUFFIX=... -P link_targets.cmake
# Each name comes on a line "contend-target: NAME" (engine mains may print banners of their own;
# the argument /dev/null keeps AFL++'s driver from printing its usage instead of initializing).
execute_process(COMMAND ${CMAKE_COMMAND} -E env CONTEND_FUZZ_LIST_TARGETS=1 ${EXE} /dev/null
  OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err INPUT_FILE /dev/null)
string(REGEX MATCHALL "contend-target: [A-Za-z0-9_]+" lines "${out}")
if(NOT rc EQUAL 0 OR NOT lines)
  message(FATAL_ERROR "link_targets: ${EXE} listed no targets (exit ${rc}): ${err}")
endif()
get_filename_component(file ${EXE} NAME)
foreach(line IN LISTS lines)
  string(REPLACE "contend-target: " "" n "${line}")
  file(CREATE_LINK ${file} ${DIR}/${PREFIX}_${n}${SUFFIX} SYMBOLIC)
endforeach()
