// Call first in main() of a program that runs OCR (ocr/ocr.h).
//
// Tesseract parallelizes inside a page with OpenMP, asking for its own thread counts
// (num_threads clauses that omp_set_num_threads() cannot lower). Concord already reads one
// page per worker thread, and OpenMP's spinning helpers on top cost far more than they give:
// two scanned pages took 12.4 s (11.6 s of it in the kernel) against 2.7 s with
// OMP_THREAD_LIMIT=1. libgomp reads that variable once, as it is loaded, before main() (and
// before a .preinit_array function's setenv() is seen: tried). So when the variable is not
// set, this sets it to 1 and executes the program again, same arguments (a few
// milliseconds); when it is set (by the user, or by the first execution), it does nothing.
// If the program cannot be executed again, it goes on, with OCR slower.
#pragma once

namespace concord {

void limit_openmp_threads(char** argv);

}  // namespace concord
