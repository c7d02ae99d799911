# The tree-sitter runtime and the tree-sitter-python grammar, built from
# pinned source distributions on the Python package index (see fetch_sdist.py).
#
# Why not Debian's libtree-sitter-dev 0.20.7: the grammar's sdist ships only
# parser.c and scanner.c, not the tree_sitter/{parser,array,alloc}.h headers
# they were generated against, and Debian's 0.20.7 parser.h lacks what a
# 0.23 grammar uses (TSCharacterRange, array.h). The tree-sitter sdist carries
# the matching runtime and headers, so both come from one consistent release.

set(FLOWC_TS_VERSION 0.23.2)
set(FLOWC_TS_SHA256 66bae8dd47f1fed7bdef816115146d3a41c39b5c482d7bad36d9ba1def088450)
set(FLOWC_TSPY_VERSION 0.23.6)   # grammar ABI 14
set(FLOWC_TSPY_SHA256 354bfa0a2f9217431764a631516f85173e9711af2c13dbd796a8815acfe505d9)

find_package(Python3 COMPONENTS Interpreter REQUIRED)
set(_deps ${CMAKE_BINARY_DIR}/_deps)

function(flowc_fetch_sdist name version sha dest)
  execute_process(
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/fetch_sdist.py ${name} ${version} ${sha} ${dest}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not fetch ${name}==${version} (see above)")
  endif()
endfunction()

flowc_fetch_sdist(tree-sitter ${FLOWC_TS_VERSION} ${FLOWC_TS_SHA256} ${_deps}/tree-sitter)
flowc_fetch_sdist(tree-sitter-python ${FLOWC_TSPY_VERSION} ${FLOWC_TSPY_SHA256} ${_deps}/tree-sitter-python)

set(_ts_lib ${_deps}/tree-sitter/tree-sitter-${FLOWC_TS_VERSION}/tree_sitter/core/lib)
set(_tspy_src ${_deps}/tree-sitter-python/tree_sitter_python-${FLOWC_TSPY_VERSION}/src)

# The grammar includes "tree_sitter/parser.h" etc.; give it the runtime's copies.
set(_ts_grammar_inc ${_deps}/grammar-include)
file(MAKE_DIRECTORY ${_ts_grammar_inc}/tree_sitter)
foreach(h parser.h array.h alloc.h ts_assert.h)
  configure_file(${_ts_lib}/src/${h} ${_ts_grammar_inc}/tree_sitter/${h} COPYONLY)
endforeach()

add_library(tree_sitter_runtime STATIC ${_ts_lib}/src/lib.c)
target_include_directories(tree_sitter_runtime SYSTEM PUBLIC ${_ts_lib}/include PRIVATE ${_ts_lib}/src)
set_target_properties(tree_sitter_runtime PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_runtime PRIVATE -w)

add_library(tree_sitter_python STATIC ${_tspy_src}/parser.c ${_tspy_src}/scanner.c)
target_include_directories(tree_sitter_python PRIVATE ${_ts_grammar_inc} ${_tspy_src})
set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_python PRIVATE -w)

# The YAML grammar, for `flowc import` (compiler/yaml/): tree-sitter keeps
# comments and their places, which yaml-cpp drops. The sdist ships parser.c
# and scanner.c but not the schema file scanner.c includes to type plain
# scalars (schema.core.c); flowc supplies its own (cmake/yaml_schema_untyped.c),
# which leaves every plain scalar a string: compiler/yaml/scalar.cpp types
# them with Kubernetes' YAML 1.1 rules instead of the grammar's core schema.
set(FLOWC_TSYAML_VERSION 0.7.1)  # grammar ABI 14 (LANGUAGE_VERSION), runtime 0.23.2 reads 13..14
set(FLOWC_TSYAML_SHA256 2cea5f8d4ca4d10439bd7d9e458c61b330cb33cf7a92e4ef1d428e10e1ab7e2c)
flowc_fetch_sdist(tree-sitter-yaml ${FLOWC_TSYAML_VERSION} ${FLOWC_TSYAML_SHA256} ${_deps}/tree-sitter-yaml)
set(_tsyaml_src ${_deps}/tree-sitter-yaml/tree_sitter_yaml-${FLOWC_TSYAML_VERSION}/src)
set(_tsyaml_schema ${_deps}/yaml-schema)
file(MAKE_DIRECTORY ${_tsyaml_schema})
configure_file(${CMAKE_CURRENT_LIST_DIR}/yaml_schema_untyped.c ${_tsyaml_schema}/schema.untyped.c COPYONLY)
# The scanner keeps rows and columns in int16_t: from line 32768 on it
# misparses (the 10,000-task workflow's YAML is 80,000 lines). flowc builds a
# copy with 32-bit positions, made here from the pinned file (nothing kept in
# the tree); its state serialization then fits 125 indentation levels (not
# 250) in tree-sitter's 1024-byte buffer, and stops before overrunning it.
file(READ ${_tsyaml_src}/scanner.c _tsyaml_scanner)
string(REPLACE "int16_t" "int32_t" _tsyaml_scanner "${_tsyaml_scanner}")
string(REPLACE "size < TREE_SITTER_SERIALIZATION_BUFFER_SIZE;" "size + 2 * sizeof(int32_t) <= TREE_SITTER_SERIALIZATION_BUFFER_SIZE;"
       _tsyaml_scanner "${_tsyaml_scanner}")
# tree-sitter's serialization buffer is a char array: a 32-bit value at an
# odd offset must be copied, not stored through an int32_t pointer (that is
# undefined behaviour, and UBSan stops on it).
string(REGEX REPLACE "\\*\\(int32_t \\*\\)&buffer\\[size\\] = ([^;]+);" "flowc_put32(&buffer[size], \\1);"
       _tsyaml_scanner "${_tsyaml_scanner}")
string(REPLACE "*(int32_t *)&buffer[size]" "flowc_get32(&buffer[size])" _tsyaml_scanner "${_tsyaml_scanner}")
string(PREPEND _tsyaml_scanner "#include <stdint.h>
#include <string.h>
static inline void flowc_put32(char *p, int32_t v) { memcpy(p, &v, sizeof v); }
static inline int32_t flowc_get32(const char *p) { int32_t v; memcpy(&v, p, sizeof v); return v; }
")
file(WRITE ${_tsyaml_schema}/scanner_rows32.c "${_tsyaml_scanner}")
add_library(tree_sitter_yaml STATIC ${_tsyaml_src}/parser.c ${_tsyaml_schema}/scanner_rows32.c)
# The sdist's own tree_sitter/*.h first, as for the scanner in its own folder.
target_include_directories(tree_sitter_yaml PRIVATE ${_tsyaml_src} ${_tsyaml_schema} ${_ts_grammar_inc})
target_compile_definitions(tree_sitter_yaml PRIVATE YAML_SCHEMA=untyped)
set_target_properties(tree_sitter_yaml PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_yaml PRIVATE -w)
