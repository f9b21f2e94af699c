# Compiler warnings and sanitizer flags as interface targets every SPSE target links.
add_library(spse_warnings INTERFACE)
target_compile_options(spse_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual)
if(SPSE_WERROR)
  target_compile_options(spse_warnings INTERFACE -Werror)
endif()

add_library(spse_sanitizers INTERFACE)
if(SPSE_SANITIZE)
  # vptr checks need the typeinfo of SOCI's classes, which its shared libraries do
  # not export.
  target_compile_options(spse_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
    -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(spse_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr)
endif()
