# nlohmann/json and doctest are header-only and come from Debian (nlohmann-json3-dev, doctest-dev).
# The Emscripten sysroot cannot see /usr/include, and adding all of it would mix native headers into
# the wasm build, so each library gets a folder of its own in the build tree that links to its headers.
function(soreness_header_library target header)
  find_path(_dir "${header}" PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT _dir)
    message(FATAL_ERROR "${header} not found: run scripts/setup.sh")
  endif()
  get_filename_component(_top "${header}" DIRECTORY)
  set(_isolated "${CMAKE_BINARY_DIR}/third_party/${target}")
  if(_top)
    file(MAKE_DIRECTORY "${_isolated}")
    file(CREATE_LINK "${_dir}/${_top}" "${_isolated}/${_top}" SYMBOLIC)
  else()
    file(MAKE_DIRECTORY "${_isolated}")
    file(CREATE_LINK "${_dir}/${header}" "${_isolated}/${header}" SYMBOLIC)
  endif()
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${_isolated}")
  unset(_dir CACHE)
endfunction()

soreness_header_library(soreness_nlohmann_json nlohmann/json.hpp)
if(SORENESS_BUILD_TESTS)
  soreness_header_library(soreness_doctest doctest/doctest.h)
endif()

# Warnings for our own targets only.
add_library(soreness_warnings INTERFACE)
target_compile_options(soreness_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

add_library(soreness_sanitizers INTERFACE)
if(SORENESS_SANITIZE)
  target_compile_options(soreness_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(soreness_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
