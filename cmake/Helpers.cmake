# spse_library(NAME SRCS ... DEPS ...): one library of the project, with the
# project's warnings and sanitizer flags. Abseil-style short declarations.
function(spse_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SRCS})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE spse_warnings spse_sanitizers)
  target_link_libraries(${name} INTERFACE spse_sanitizers)
endfunction()

# spse_test(NAME SRCS ... DEPS ...): a GoogleTest executable registered with CTest.
function(spse_test name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock
    spse_warnings spse_sanitizers)
endfunction()
