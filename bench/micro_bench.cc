// Function benchmarks (Google Benchmark): the hot or costly pieces of a
// request. Run: build/release/bench/spse_micro_bench
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "base/money.h"
#include "base/time_format.h"
#include "crypto/crypto.h"
#include "http/multipart.h"
#include "http/router.h"
#include "http/site.h"

namespace spse {
namespace {

void BM_RouterFindDeepRoute(benchmark::State& state) {
  http::Router router;
  for (http::Route& r : http::BuildRoutes()) router.Add(std::move(r));
  for (auto _ : state) {
    std::map<std::string, std::string, std::less<>> params;
    benchmark::DoNotOptimize(router.Find("POST", "/admin/pengguna/42/reset-sandi", params));
  }
}
BENCHMARK(BM_RouterFindDeepRoute);

void BM_MultipartParse(benchmark::State& state) {
  const std::string file(static_cast<size_t>(state.range(0)), 'x');
  const std::string body = "--B0UNDARY\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nt\r\n"
                           "--B0UNDARY\r\nContent-Disposition: form-data; name=\"f\"; "
                           "filename=\"a.pdf\"\r\n\r\n" +
                           file + "\r\n--B0UNDARY--\r\n";
  for (auto _ : state) {
    size_t bytes = 0;
    http::MultipartParser parser(
        "B0UNDARY", {[](const http::PartHeaders&) { return OkStatus(); },
                     [&](std::string_view d) {
                       bytes += d.size();
                       return OkStatus();
                     },
                     [] { return OkStatus(); }});
    for (size_t i = 0; i < body.size(); i += 64 * 1024) {
      parser.Feed(std::string_view(body).substr(i, 64 * 1024)).IgnoreError();
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_MultipartParse)->Arg(1 << 20)->Arg(16 << 20);

void BM_Argon2idHash(benchmark::State& state) {
  crypto::Init().IgnoreError();
  for (auto _ : state) {
    auto hash = crypto::HashPassword("tanah-merah-bangkalan");
    benchmark::DoNotOptimize(hash);
  }
}
BENCHMARK(BM_Argon2idHash)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_MoneyFormat(benchmark::State& state) {
  const Money m = Money::FromRupiah(1'250'000'000);
  for (auto _ : state) benchmark::DoNotOptimize(m.Format());
}
BENCHMARK(BM_MoneyFormat);

void BM_FormatDateTime(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(FormatDateTime(1'767'225'600'000'000, kWib, Lang::kId));
  }
}
BENCHMARK(BM_FormatDateTime);

}  // namespace
}  // namespace spse

BENCHMARK_MAIN();
