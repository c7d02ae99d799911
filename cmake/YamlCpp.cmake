# yaml-cpp (flowc lint's YAML reader), as the target flowc_yaml_cpp.
#
# Executables (the flowc command, the test and fuzz drivers) link its static
# archive where the system has one (Debian's libyaml-cpp-dev ships
# libyaml-cpp.a): the flowc executable then needs no libyaml-cpp.so at run
# time and can stay a plain executable in the wheel's scripts folder
# (docs/packaging.md says why that matters, with the measurements). The
# Python module links the shared library: Debian's archive is not built
# position-independent (R_X86_64_PC32 against __libc_single_threaded, "recompile
# with -fPIC"), so it cannot go into a shared object; auditwheel copies
# libyaml-cpp.so into the wheel for the module, whose RPATH finds it.
# Without an archive (Fedora without yaml-cpp-static) everything links the
# shared library.
option(FLOWC_YAML_CPP_STATIC "Link yaml-cpp's static archive when the system has one" ON)

find_package(yaml-cpp REQUIRED)
if(TARGET yaml-cpp::yaml-cpp)  # yaml-cpp 0.8 names its target so; 0.7 (Debian 12) plain yaml-cpp
  set(_flowc_yaml_cpp_shared yaml-cpp::yaml-cpp)
else()
  set(_flowc_yaml_cpp_shared yaml-cpp)
endif()

add_library(flowc_yaml_cpp INTERFACE)
if(FLOWC_YAML_CPP_STATIC)
  find_library(FLOWC_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
endif()
if(FLOWC_YAML_CPP_STATIC AND FLOWC_YAML_CPP_ARCHIVE)
  get_target_property(_flowc_yaml_cpp_include ${_flowc_yaml_cpp_shared} INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(flowc_yaml_cpp SYSTEM INTERFACE ${_flowc_yaml_cpp_include})
  # $<TARGET_PROPERTY:TYPE> is the type of the target being linked.
  target_link_libraries(flowc_yaml_cpp INTERFACE
    "$<IF:$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>,${FLOWC_YAML_CPP_ARCHIVE},${_flowc_yaml_cpp_shared}>")
  message(STATUS "flowc: yaml-cpp linked statically into executables (${FLOWC_YAML_CPP_ARCHIVE})")
else()
  target_link_libraries(flowc_yaml_cpp INTERFACE ${_flowc_yaml_cpp_shared})
  message(STATUS "flowc: yaml-cpp linked as a shared library")
endif()
