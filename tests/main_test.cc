// Catch2 entry point for the whole suite.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "ocr/openmp.h"

int main(int argc, char** argv) {
  concord::limit_openmp_threads(argv);  // the OCR tests run Tesseract in this process
  return Catch::Session().run(argc, argv);
}
