# EPUB backend tests: the hand-built model (golden chapters, zip shape,
# reproducibility), then epubcheck on every book they write.
set(EPUB_OUT ${CMAKE_CURRENT_BINARY_DIR}/epub-out)
file(MAKE_DIRECTORY ${EPUB_OUT})

add_executable(test_epub ${CMAKE_CURRENT_SOURCE_DIR}/epub/test_epub.c)
target_link_libraries(test_epub PRIVATE folio_static PkgConfig::LAZY) # reads the zip back
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

# Markdown fixtures through the folio command: golden chapters, epubcheck,
# and the two as one compilation (links between them, date order, same
# bytes in two time zones).
set(EPUB_FIXTURES ${CMAKE_CURRENT_SOURCE_DIR}/epub/fixtures)
set(EPUB_BUILD ${CMAKE_COMMAND} -DFOLIO=${FOLIO_BIN})
set(EPUB_SCRIPT -P ${CMAKE_CURRENT_SOURCE_DIR}/epub/build_book.cmake)

function(epub_book name)
  cmake_parse_arguments(B "" "" "ARGS" ${ARGN})
  add_test(NAME epub.build.${name}
    COMMAND ${EPUB_BUILD} -DOUT=${EPUB_OUT}/${name}.epub ${B_ARGS} ${EPUB_SCRIPT})
  set_tests_properties(epub.build.${name} PROPERTIES FIXTURES_SETUP epub_${name})
  add_test(NAME epub.epubcheck.${name}
    COMMAND ${CMAKE_COMMAND} -DEPUBS=${EPUB_OUT}/${name}.epub
            -P ${CMAKE_CURRENT_SOURCE_DIR}/epub/epubcheck.cmake)
  set_tests_properties(epub.epubcheck.${name} PROPERTIES FIXTURES_REQUIRED epub_${name})
endfunction()

epub_book(hugo_issue ARGS -DINPUTS=${EPUB_FIXTURES}/hugo_issue/index.md
  -DGOLDEN=${EPUB_FIXTURES}/hugo_issue.xhtml)
epub_book(quarto_issue ARGS -DINPUTS=${EPUB_FIXTURES}/quarto_issue/index.qmd
  -DGOLDEN=${EPUB_FIXTURES}/quarto_issue.xhtml)
# Font Awesome icons: golden chapter, epubcheck, only the fonts used, cut down
epub_book(icons ARGS -DINPUTS=${FOLIO_TESTS_DIR}/golden/icons.qmd
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/icons.xhtml)
add_test(NAME epub.icons
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/epub/icons.py ${FOLIO_BIN} ${EPUB_OUT}/icons_fonts
          ${FOLIO_TESTS_DIR}/golden/icons.qmd)
# passages in another language than the document's: lang and xml:lang
epub_book(quote_lang ARGS -DINPUTS=${FOLIO_TESTS_DIR}/golden/quote_lang.qmd
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/quote_lang.xhtml)
# inline styles as their HTML elements (<kbd>, <mark>, <u>…) and their CSS
epub_book(inline_styles ARGS -DINPUTS=${FOLIO_TESTS_DIR}/golden/inline_styles.qmd
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/inline_styles.xhtml)
# one written right to left (dir), and the document's language inside another's
epub_book(quote_rtl ARGS -DINPUTS=${CMAKE_CURRENT_SOURCE_DIR}/epub/quote_rtl.md
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/quote_rtl.xhtml)
# callouts, headings and details in their own language (lang on aside, h2, details)
epub_book(block_lang ARGS -DINPUTS=${FOLIO_TESTS_DIR}/golden/block_lang.md)
# documents read right to left: dir on the chapter and on the French passage
epub_book(rtl_ar ARGS -DINPUTS=${FOLIO_TESTS_DIR}/pdf/rtl_ar.md
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/rtl_ar.xhtml)
epub_book(rtl_he ARGS -DINPUTS=${FOLIO_TESTS_DIR}/pdf/rtl_he.md
  -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/epub/rtl_he.xhtml)
# (issues.qmd, a listing page, is not one of the chapters)
epub_book(fixtures ARGS -DINPUTS=${EPUB_FIXTURES} -DCOMPILATION=2 -DTWICE=1 -DINTERNAL_LINKS=1)

# The real newsletters, when ../shared/samples is there: each issue alone,
# then all of them (Hugo and Quarto mixed) as one book: seven issues, the
# site's listing page (infolettre.qmd), author pages and _includes left out.
if(EXISTS ${FOLIO_SAMPLES_DIR}/hugo)
  foreach(issue hugo/infolettre_11 hugo/infolettre_12 quarto/infolettre_16
                quarto/infolettre_17 quarto/infolettre_18 quarto/infolettre_19
                quarto/infolettre_21)
    string(REPLACE "/" "_" name ${issue})
    epub_book(sample_${name} ARGS -DINPUTS=${FOLIO_SAMPLES_DIR}/${issue})
  endforeach()
  epub_book(sample_seed ARGS -DINPUTS=${FOLIO_SAMPLES_DIR}/seed/index.md
    "-DOPTIONS=--fix-encoding|--drafts")
  epub_book(samples ARGS
    "-DINPUTS=${FOLIO_SAMPLES_DIR}/hugo|${FOLIO_SAMPLES_DIR}/quarto"
    -DCOMPILATION=7 -DTWICE=1)
else()
  message(STATUS "epub: ${FOLIO_SAMPLES_DIR} not found; sample EPUB tests skipped")
endif()

# The drawn cover and converted images kept in folio's cache: the same book
# cold, warm, damaged, uncached.
add_test(NAME epub.cache COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/epub/cache.py
  ${FOLIO_BIN} ${EPUB_FIXTURES}/hugo_issue ${EPUB_OUT}/cache)
