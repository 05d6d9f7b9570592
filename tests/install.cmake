add_test(NAME install.files_and_api
         COMMAND bash ${FOLIO_TESTS_DIR}/install/run.sh ${CMAKE_BINARY_DIR} "${CMAKE_C_FLAGS_${FOLIO_BUILD_TYPE_UPPER}}")
