// Shamir secret sharing over GF(256) (issue 5, item 1): a tender's private
// key is split into n shares so that any k rebuild it and k-1 reveal
// nothing. Byte-wise: every byte of the secret is the constant term of its
// own random polynomial of degree k-1, evaluated at x = 1..n.
//
// The field is GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1
// (0x11b); share x-coordinates are 1..n. Arithmetic runs without
// secret-dependent branches or table lookups. The browser's code uses the
// same field and layout, so shares move between the two.
#ifndef SPSE_DOMAIN_SHAMIR_H_
#define SPSE_DOMAIN_SHAMIR_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace spse::domain {

struct SecretShare {
  std::uint8_t x = 0;  // 1..255
  std::string y;       // one byte per byte of the secret
  bool operator==(const SecretShare&) const = default;
};

// Fills `size` bytes at `out` with cryptographically random bytes.
using RandomBytesFn = std::function<void(std::uint8_t* out, size_t size)>;

// The multiplication of GF(2^8) mod 0x11b, constant time.
std::uint8_t GfMul(std::uint8_t a, std::uint8_t b);

// n shares of `secret`, any k of which rebuild it. Reasons:
// "shamir.secret_empty", "shamir.threshold_invalid" (unless 2 <= k <= n <= 255).
StatusOr<std::vector<SecretShare>> SplitSecret(std::string_view secret, int n, int k,
                                               const RandomBytesFn& random);

// The secret from k or more shares of it (fewer give an unrelated value:
// nothing tells the caller so, which is the point). Reasons:
// "shamir.too_few" (fewer than 2), "shamir.x_invalid" (0), "shamir.x_repeated",
// "shamir.length_mismatch".
StatusOr<std::string> CombineShares(const std::vector<SecretShare>& shares);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_SHAMIR_H_
