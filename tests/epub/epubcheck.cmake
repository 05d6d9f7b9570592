# Runs epubcheck on each file of EPUBS (a ;-list): each must give exit status
# 0 with --failonwarnings AND say it found no errors or warnings.
# Usage: cmake -DEPUBS="a.epub;b.epub" -P epubcheck.cmake
find_program(JAVA java REQUIRED)
set(jar /usr/share/java/epubcheck.jar)
set(failed 0)
foreach(epub IN LISTS EPUBS)
  if(NOT EXISTS "${epub}")
    message(SEND_ERROR "${epub}: missing")
    set(failed 1)
    continue()
  endif()
  # C1 only and the serial collector: the JVM starts in half the time.
  execute_process(COMMAND ${JAVA} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar ${jar}
                          --failonwarnings "${epub}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "No errors or warnings detected")
    message(SEND_ERROR "${epub}: epubcheck exit ${rc}\n${out}\n${err}")
    set(failed 1)
  else()
    message(STATUS "${epub}: epubcheck 0 errors, 0 warnings")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "epubcheck failed")
endif()
