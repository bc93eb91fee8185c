# -DBUILD_DIR=aikg build tree -DEXAMPLE_DIR=consumer sources -DWORK_DIR=scratch -DGRAPH=file
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "failed (${code}): ${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build -j2)
run(${WORK_DIR}/build/who_builds_what ${GRAPH})
if(NOT output MATCHES "7 entities, 14 statements\nNvidia develops H100 \\(2022\\) \\[reported, src/letter\\]")
  message(FATAL_ERROR "unexpected output:\n${output}")
endif()
