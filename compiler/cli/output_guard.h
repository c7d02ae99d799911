// An output that would replace one of the command's own inputs is refused
// before anything is read or written (`flowc compile w.py -o w.py`, `flowc
// run wf.yaml --report wf.yaml`, `--diagnostics-output w.py`): the user's
// source would be lost, and some outputs (--diagnostics-output) are opened,
// so emptied, before the inputs are read. GCC refuses the same ("input file
// is the same as output file").
#pragma once
#include <string>
#include <vector>

namespace flowc::cli {

// "" unless one of `outputs` names an existing file that is one of
// `inputs`, or a file below an input folder that the walk of that folder
// reads (`patterns`, e.g. *.py): then "OUTPUT is the input INPUT" for the
// error. Files are compared by device and inode, so another spelling or a
// link of the same file counts. "-" and "" are not files.
std::string output_replacing_an_input(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& patterns);

}  // namespace flowc::cli
