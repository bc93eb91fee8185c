# convert → convert gives byte-identical files, and the result validates.
#   -DAIKG=path -DINPUT=file -DWORKDIR=dir
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
foreach(step IN ITEMS "convert;${INPUT};-o;${WORKDIR}/one.json" "convert;${WORKDIR}/one.json;-o;${WORKDIR}/two.json"
                      "validate;${WORKDIR}/two.json")
  execute_process(COMMAND ${AIKG} ${step} RESULT_VARIABLE code ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "aikg ${step} failed (${code}):\n${err}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORKDIR}/one.json ${WORKDIR}/two.json
                RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "convert is not stable: ${WORKDIR}/one.json and two.json differ")
endif()
