# Hostile input and faults: the fuzz targets' replays (tests/fuzz/) and the
# bad-input and fault cases (tests/hostile/).
add_subdirectory(${FOLIO_TESTS_DIR}/fuzz ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
