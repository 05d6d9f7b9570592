# Image tests beyond the unit tests: remote fetching against a local server.
# `cmake --build build --target image-fixtures` regenerates tests/image/'s
# small fixture files (the committed ones came from it).
add_executable(image_make_fixtures EXCLUDE_FROM_ALL ${FOLIO_TESTS_DIR}/image/make_fixtures.c)
target_link_libraries(image_make_fixtures PRIVATE folio_static z)
add_custom_target(image-fixtures
  COMMAND image_make_fixtures ${FOLIO_TESTS_DIR}/image
  COMMENT "Writing tests/image fixtures")

add_executable(image_fetch_check ${FOLIO_TESTS_DIR}/image/fetch_check.c)
target_link_libraries(image_fetch_check PRIVATE folio_static)
find_program(PYTHON3 python3)
if(PYTHON3)
  set(cache ${CMAKE_CURRENT_BINARY_DIR}/image-fetch-cache)
  add_test(NAME image.fetch_remote
    COMMAND ${PYTHON3} ${FOLIO_TESTS_DIR}/image/server.py ${FOLIO_TESTS_DIR}/image sh -c "rm -rf '${cache}' && exec \"$0\" \"$@\"" $<TARGET_FILE:image_fetch_check> ${cache})
  set_tests_properties(image.fetch_remote PROPERTIES TIMEOUT 90)
else()
  message(STATUS "python3 not found: image.fetch_remote skipped")
endif()

add_test(NAME image.outputs
  COMMAND sh ${FOLIO_TESTS_DIR}/image/outputs.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/image)
set_tests_properties(image.outputs PROPERTIES TIMEOUT 120)
# a compilation's images decoded while it is laid out: the same PDF at any -j
add_test(NAME image.jobs
  COMMAND sh ${FOLIO_TESTS_DIR}/image/jobs.sh ${FOLIO_BIN} ${FOLIO_SAMPLES_DIR})
set_tests_properties(image.jobs PROPERTIES TIMEOUT 120)
