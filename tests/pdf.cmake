# PDF output checked as a reader would (tests/pdf/check.py: qpdf, pdffonts,
# pdftotext, pdfimages, the outline, the link annotations) plus golden
# `dump --layout` files; UPDATE=1 rewrites the goldens. The samples of
# ../shared/samples are checked too when the folder exists.
set(FOLIO_PDF_OUT ${CMAKE_CURRENT_BINARY_DIR}/pdf)
file(MAKE_DIRECTORY ${FOLIO_PDF_OUT})

foreach(name issue_fr long_en math_fr columns_fr)
  file(GLOB source ${FOLIO_TESTS_DIR}/pdf/${name}.*md)
  add_test(NAME pdf.${name}
    COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/check.py ${FOLIO_BIN} ${FOLIO_PDF_OUT} ${name}
            --golden ${FOLIO_TESTS_DIR}/pdf/${name}.layout ${source})
endforeach()
# toc: true with a single heading: no contents page (check.py's rule)
add_test(NAME pdf.short_toc
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/check.py ${FOLIO_BIN} ${FOLIO_PDF_OUT} short_toc
          ${FOLIO_TESTS_DIR}/pdf/short_toc.md)
add_test(NAME pdf.compilation
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/check.py ${FOLIO_BIN} ${FOLIO_PDF_OUT} compilation
          --golden ${FOLIO_TESTS_DIR}/pdf/compilation.layout
          ${FOLIO_TESTS_DIR}/pdf/issue_fr.md ${FOLIO_TESTS_DIR}/pdf/long_en.md)

add_test(NAME pdf.samples
  COMMAND sh ${FOLIO_TESTS_DIR}/pdf/samples.sh ${FOLIO_BIN} ${FOLIO_PDF_OUT} ${FOLIO_SAMPLES_DIR})
set_tests_properties(pdf.samples PROPERTIES SKIP_RETURN_CODE 77)

# Keeps and page emptiness on the fixtures and (when present) the samples;
# prints the gaps and the worst stretch of every document.
add_test(NAME pdf.pages
  COMMAND sh ${FOLIO_TESTS_DIR}/pdf/pages.sh ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/figures.md ${FOLIO_TESTS_DIR}/pdf/issue_fr.md
          ${FOLIO_TESTS_DIR}/pdf/long_en.md ${FOLIO_TESTS_DIR}/pdf/wide_table.md
          ${FOLIO_TESTS_DIR}/pdf/columns_fr.qmd)
add_test(NAME pdf.pages.samples
  COMMAND sh ${FOLIO_TESTS_DIR}/pdf/pages.sh ${FOLIO_BIN} ${FOLIO_PDF_OUT} ${FOLIO_SAMPLES_DIR})
set_tests_properties(pdf.pages.samples PROPERTIES SKIP_RETURN_CODE 77)
# the whole archive as one book (a compilation: cover, contents, parts)
add_test(NAME pdf.pages.archive
  COMMAND sh ${FOLIO_TESTS_DIR}/pdf/pages.sh ${FOLIO_BIN} ${FOLIO_PDF_OUT} --book ${FOLIO_SAMPLES_DIR})
set_tests_properties(pdf.pages.archive PROPERTIES SKIP_RETURN_CODE 77)
# links on paper: notes in order, URLs decoded; links: qr codes read back
add_test(NAME pdf.links
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/links.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/links_fr.md)
# an English quote, a German div and an English span in a French issue: their
# own typography in the text layer, their /Lang in the structure
add_test(NAME pdf.quote_lang
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/quote_lang.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/golden/quote_lang.qmd)
# lang= on callouts, headings and <details>: typography, /Lang, EPUB lang
add_test(NAME pdf.block_lang
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/block_lang.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/golden/block_lang.md)
# Arabic and Hebrew documents, and an Arabic passage in a French one, read
# right to left: markers, bars, table columns, contents mirrored (layout dump),
# their text layer whole, the EPUB's stylesheet on the start side
add_test(NAME pdf.rtl
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/rtl.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/rtl_ar.md ${FOLIO_TESTS_DIR}/pdf/rtl_he.md
          ${FOLIO_TESTS_DIR}/pdf/rtl_mixed_fr.md)
# a table too wide even in its smallest font: a landscape page of its own
add_test(NAME pdf.wide
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/wide.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/wide_table.md)
# code: never hyphenated, wrapped lines marked in the margin, identifiers
# whole in the text layer
add_test(NAME pdf.code
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/code.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/code_fr.md)

# A document painted in parts of three pages (limits.max_surface_pages:
# cairo's structure tree bounded), merged into one file: the same text,
# pages, links, outline and fonts as painted whole, a valid tagged PDF and
# PDF/A (parts_folio is folio's command line with that limit).
add_executable(parts_folio ${FOLIO_TESTS_DIR}/pdf/parts_folio.c)
target_link_libraries(parts_folio PRIVATE folio_static)
add_test(NAME pdf.parts
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/parts.py $<TARGET_FILE:parts_folio> ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/parts.md)
# the merged file as a tagged PDF and a PDF/A, by the archival checkers
add_test(NAME pdf.parts.structure
  COMMAND python3 ${FOLIO_TESTS_DIR}/archival/structure.py $<TARGET_FILE:parts_folio>
          ${FOLIO_PDF_OUT} parts_structure ${FOLIO_TESTS_DIR}/pdf/parts.md)
add_test(NAME pdf.parts.pdfa
  COMMAND python3 ${FOLIO_TESTS_DIR}/archival/pdfa.py $<TARGET_FILE:parts_folio>
          ${FOLIO_PDF_OUT} parts_pdfa ${FOLIO_TESTS_DIR}/pdf/parts.md -- --pdfa)

# The prepared images kept in folio's cache: the same PDF cold, warm,
# damaged, uncached, -j 1 or 2, PDF/A (and on the samples when present).
add_test(NAME pdf.cache
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/cache.py ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/image
          ${FOLIO_TESTS_DIR}/pdf ${FOLIO_PDF_OUT}/cache ${FOLIO_SAMPLES_DIR})
# Font Awesome icons drawn from their font, their names as their text
add_test(NAME pdf.icons
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/icons.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/golden/icons.qmd)
# images among words: in their line, tagged, within their cell
add_test(NAME pdf.inline_images
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/inline_images.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}
          ${FOLIO_TESTS_DIR}/pdf/inline_images.md)
# runs of spaces in a paragraph print as one space, as in HTML (spaces.py)
add_test(NAME pdf.spaces
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/spaces.py ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/pdf/spaces_fr.md)
# [words]{.smallcaps} in the fonts' small capitals (smallcaps.py)
add_test(NAME pdf.smallcaps
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/smallcaps.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}/smallcaps
          ${FOLIO_TESTS_DIR}/pdf/smallcaps_fr.md)
# <kbd>, <mark>, <u>, <small>, <q>, Quarto's kbd shortcode… drawn as a browser
# shows them: a key's frame, a highlighter's yellow, an underline (inline_styles.py)
add_test(NAME pdf.inline_styles
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/inline_styles.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}/inline_styles
          ${FOLIO_TESTS_DIR}/golden/inline_styles.qmd)
# struck words of a heading stay struck in the PDF's contents and the EPUB's
# nav (toc_strike.py), and the nav passes epubcheck
add_test(NAME pdf.toc_strike
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/toc_strike.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}/toc_strike
          ${FOLIO_TESTS_DIR}/pdf/toc_strike_fr.md)
set_tests_properties(pdf.toc_strike PROPERTIES FIXTURES_SETUP toc_strike)
add_test(NAME epub.epubcheck.toc_strike
  COMMAND ${CMAKE_COMMAND} -DEPUBS=${FOLIO_PDF_OUT}/toc_strike/toc_strike.epub
          -P ${FOLIO_TESTS_DIR}/epub/epubcheck.cmake)
set_tests_properties(epub.epubcheck.toc_strike PROPERTIES FIXTURES_REQUIRED toc_strike)

# Bold Chinese and Japanese drawn bold: the one-weight CJK face emboldened
# (cjk_bold.py: more ink than the same word in regular)
add_test(NAME pdf.cjk_bold
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/cjk_bold.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}/cjk_bold
          ${FOLIO_TESTS_DIR}/pdf/cjk_bold.md)

# An emoji's images shared by every page (emoji_reuse.py: as many images as
# the busiest page uses, each use drawn and in the text layer)
add_test(NAME pdf.emoji_reuse
  COMMAND python3 ${FOLIO_TESTS_DIR}/pdf/emoji_reuse.py ${FOLIO_BIN} ${FOLIO_PDF_OUT}/emoji_reuse)
