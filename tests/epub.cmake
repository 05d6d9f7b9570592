# EPUB backend tests: the hand-built model (golden chapters, zip shape,
# reproducibility), then epubcheck on every book they write.
set(EPUB_OUT ${CMAKE_CURRENT_BINARY_DIR}/epub-out)
file(MAKE_DIRECTORY ${EPUB_OUT})

add_executable(test_epub ${CMAKE_CURRENT_SOURCE_DIR}/epub/test_epub.c)
target_link_libraries(test_epub PRIVATE folio_static)
target_compile_definitions(test_epub PRIVATE FOLIO_TESTS_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
add_test(NAME epub.model COMMAND test_epub ${EPUB_OUT})
set_tests_properties(epub.model PROPERTIES FIXTURES_SETUP epub_model)

# One test per book: epubcheck is a JVM each time, and ctest -j runs them side by side.
foreach(book issue_a compilation fonts)
  add_test(NAME epub.epubcheck.${book}
    COMMAND ${CMAKE_COMMAND} -DEPUBS=${EPUB_OUT}/${book}.epub
            -P ${CMAKE_CURRENT_SOURCE_DIR}/epub/epubcheck.cmake)
  set_tests_properties(epub.epubcheck.${book} PROPERTIES FIXTURES_REQUIRED epub_model)
endforeach()
