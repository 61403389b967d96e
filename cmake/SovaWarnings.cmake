# sova_set_warnings(target): the warning set every Sova target is built with.
function(sova_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wimplicit-fallthrough
                                           # GCC 12 reports std::string concatenation falsely (GCC bug 105329).
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
endfunction()
