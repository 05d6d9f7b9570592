# Math: the TeX parser, MathML, the linear text form and the box layout on
# the formula fixture (tests/math/formulas.tex), compared with golden
# files; malformed formulas each give one clear error and no crash; the
# fixture typeset in a PDF and an EPUB (outputs.py); malformed formulas in a
# document (malformed_doc.py). By hand: mathjax_side.py sets the fixture beside
# MathJax (npm mathjax-full) to look at.
set(FOLIO_MATH_FONT ${CMAKE_SOURCE_DIR}/fonts/math/latinmodern-math.otf)
add_executable(math_tool ${FOLIO_TESTS_DIR}/math/math_tool.c)
target_link_libraries(math_tool PRIVATE folio_static)
foreach(stage mathml linear)
  add_test(NAME math.${stage}
    COMMAND sh ${FOLIO_TESTS_DIR}/math/run.sh $<TARGET_FILE:math_tool> ${stage}
            ${FOLIO_TESTS_DIR}/math/formulas.tex ${FOLIO_TESTS_DIR}/math/formulas.${stage})
endforeach()
add_test(NAME math.layout
  COMMAND sh ${FOLIO_TESTS_DIR}/math/run.sh $<TARGET_FILE:math_tool> layout
          ${FOLIO_TESTS_DIR}/math/formulas.tex ${FOLIO_TESTS_DIR}/math/formulas.layout
          ${FOLIO_MATH_FONT})
add_test(NAME math.malformed
  COMMAND sh ${FOLIO_TESTS_DIR}/math/run.sh $<TARGET_FILE:math_tool> check
          ${FOLIO_TESTS_DIR}/math/malformed.tex ${FOLIO_TESTS_DIR}/math/malformed.check)
set(FOLIO_MATH_OUT ${CMAKE_CURRENT_BINARY_DIR}/math-out)
file(MAKE_DIRECTORY ${FOLIO_MATH_OUT})
add_test(NAME math.outputs
  COMMAND python3 ${FOLIO_TESTS_DIR}/math/outputs.py ${FOLIO_BIN} $<TARGET_FILE:math_tool>
          ${FOLIO_TESTS_DIR}/math ${FOLIO_MATH_OUT})
# the malformed formulas, 10,000 nested groups and an oversized formula in a
# document: one warning each at file:line:col, shown as TeX in both outputs
add_test(NAME math.malformed_doc
  COMMAND python3 ${FOLIO_TESTS_DIR}/math/malformed_doc.py ${FOLIO_BIN}
          ${FOLIO_TESTS_DIR}/math ${FOLIO_MATH_OUT})
