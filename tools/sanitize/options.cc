// Sanitizer settings built into every program of a -DCONCORD_SANITIZE=ON build (ASan + UBSan),
// so ctest, tools/run.sh and a hand-run program behave alike without environment variables
// (ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS still add to or override them).
//
// exitcode=86: a sanitizer report must never pass for one of Concord's exit codes (1 is a
// fatal error, which the tests expect in places).
//
// One leak is suppressed, and it is not Concord's: rendering a PDF page (the web page's page
// images, core/extract/pdf_render.cc) makes poppler look fonts up through fontconfig, whose
// process-wide configuration (288 bytes, allocated inside libfontconfig.so.1) is never freed;
// only FcFini() would free it, and poppler owns that library's use. Nothing else is
// suppressed. libxapian 1.4's QueryParser loses about 72 bytes when a field processor throws
// (a query such as `date:S`); Concord's field processors no longer throw (store/query.cc
// records the bad value and matches nothing), so LeakSanitizer runs clean without the
// `leak:libxapian.so` suppression earlier versions needed. libxapian 1.4 also loses a node of
// its pending changes when a write fails (a full disk, a file size limit); the two tests of
// those suppress that for their one failing run (tests/index/write_refused_test.cc), not here.

extern "C" {

const char* __asan_default_options() {
  return "exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1";
}

const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1:exitcode=86"; }

}  // extern "C"
