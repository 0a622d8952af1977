// GLPK's C API (Debian: libglpk-dev). GLPK ships no pkg-config file; the module map links -lglpk.
#include <glpk.h>
