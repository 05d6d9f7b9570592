# Math: the TeX parser, MathML and the linear text form on the formula
# fixture (tests/math/formulas.tex), compared with golden files; the
# malformed formulas must each give one clear error and no crash.
add_executable(math_tool ${FOLIO_TESTS_DIR}/math/math_tool.c)
target_link_libraries(math_tool PRIVATE folio_static)
foreach(stage mathml linear)
  add_test(NAME math.${stage}
    COMMAND sh ${FOLIO_TESTS_DIR}/math/run.sh $<TARGET_FILE:math_tool> ${stage}
            ${FOLIO_TESTS_DIR}/math/formulas.tex ${FOLIO_TESTS_DIR}/math/formulas.${stage})
endforeach()
add_test(NAME math.malformed
  COMMAND sh ${FOLIO_TESTS_DIR}/math/run.sh $<TARGET_FILE:math_tool> check
          ${FOLIO_TESTS_DIR}/math/malformed.tex ${FOLIO_TESTS_DIR}/math/malformed.check)
