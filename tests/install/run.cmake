# What the install tests share. run(COMMAND ARGS...) runs a command and stops the script with its
# output when it fails, first removing RUN_CLEANUP (a folder) when that is set; it leaves the
# command's standard output in LAST_OUTPUT and its standard error in LAST_ERROR.
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    if(RUN_CLEANUP)
      file(REMOVE_RECURSE "${RUN_CLEANUP}")
    endif()
    message(FATAL_ERROR "failed (${code}): ${ARGV}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}" PARENT_SCOPE)
  set(LAST_ERROR "${err}" PARENT_SCOPE)
endfunction()
