// Catch2 entry point for the whole suite.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "ocr/ocr.h"

int main(int argc, char** argv) {
  concord::set_ocr_environment();  // as concord-index does, before any thread exists
  return Catch::Session().run(argc, argv);
}
