// Numbers as text, the way Python writes them. argo-python-dsl built its
// documents in Python, so a float in a manifest or a parameter read as
// repr() wrote it: 0.0001 -> "0.0001", 1e15 -> "1000000000000000.0",
// 1e16 -> "1e+16", 1.5e-05 -> "1.5e-05" (C++'s shortest form writes
// "1e-04" and "1e+15").
#pragma once
#include <string>

namespace flowc {

// Exactly Python's repr(float): the shortest digits that read back as `d`,
// in fixed notation when the decimal exponent is in [-4, 16), else as
// d.ddde[+-]XX; "inf", "-inf", "nan".
std::string python_float_repr(double d);

}  // namespace flowc
