#include "domain/shamir.h"

namespace spse::domain {
namespace {

// a^254 = a^-1 in GF(2^8) (0 for 0), by square and multiply: constant time.
std::uint8_t GfInverse(std::uint8_t a) {
  std::uint8_t result = 1;
  std::uint8_t power = a;
  for (int bit = 0; bit < 8; ++bit) {
    // 254 = 0b11111110: every bit but the lowest.
    if (bit > 0) result = GfMul(result, power);
    power = GfMul(power, power);
  }
  return result;
}

}  // namespace

std::uint8_t GfMul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t product = 0;
  for (int i = 0; i < 8; ++i) {
    product ^= static_cast<std::uint8_t>(-(b & 1) & a);
    const auto high = static_cast<std::uint8_t>(-(a >> 7));
    a = static_cast<std::uint8_t>((a << 1) ^ (0x1b & high));
    b >>= 1;
  }
  return product;
}

StatusOr<std::vector<SecretShare>> SplitSecret(std::string_view secret, int n, int k,
                                               const RandomBytesFn& random) {
  if (secret.empty()) return InvalidArgument("shamir.secret_empty");
  if (k < 1 || n < k || n > 255) return InvalidArgument("shamir.threshold_invalid");
  std::vector<SecretShare> shares(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    shares[i].x = static_cast<std::uint8_t>(i + 1);
    shares[i].y.resize(secret.size());
  }
  std::vector<std::uint8_t> coefficients(static_cast<size_t>(k - 1));
  for (size_t byte = 0; byte < secret.size(); ++byte) {
    // 1 of 1 has no random coefficient: the share is the secret itself.
    if (!coefficients.empty()) random(coefficients.data(), coefficients.size());
    for (SecretShare& share : shares) {
      // Horner: ((c[k-2] x + c[k-3]) x + ... + c[0]) x + secret.
      std::uint8_t y = 0;
      for (size_t c = coefficients.size(); c-- > 0;) y = GfMul(y, share.x) ^ coefficients[c];
      y = GfMul(y, share.x) ^ static_cast<std::uint8_t>(secret[byte]);
      share.y[byte] = static_cast<char>(y);
    }
  }
  // The coefficients are as secret as the secret.
  volatile std::uint8_t* wipe = coefficients.data();
  for (size_t i = 0; i < coefficients.size(); ++i) wipe[i] = 0;
  return shares;
}

StatusOr<std::string> CombineShares(const std::vector<SecretShare>& shares) {
  if (shares.empty()) return InvalidArgument("shamir.too_few");
  const size_t length = shares.front().y.size();
  for (size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].x == 0) return InvalidArgument("shamir.x_invalid");
    if (shares[i].y.size() != length || length == 0) {
      return InvalidArgument("shamir.length_mismatch");
    }
    for (size_t j = 0; j < i; ++j) {
      if (shares[j].x == shares[i].x) return InvalidArgument("shamir.x_repeated");
    }
  }
  // Lagrange at 0: l_i(0) = prod_{j != i} x_j / (x_j - x_i); minus is xor.
  std::vector<std::uint8_t> basis(shares.size());
  for (size_t i = 0; i < shares.size(); ++i) {
    std::uint8_t numerator = 1, denominator = 1;
    for (size_t j = 0; j < shares.size(); ++j) {
      if (j == i) continue;
      numerator = GfMul(numerator, shares[j].x);
      denominator = GfMul(denominator, shares[j].x ^ shares[i].x);
    }
    basis[i] = GfMul(numerator, GfInverse(denominator));
  }
  std::string secret(length, '\0');
  for (size_t byte = 0; byte < length; ++byte) {
    std::uint8_t value = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
      value ^= GfMul(static_cast<std::uint8_t>(shares[i].y[byte]), basis[i]);
    }
    secret[byte] = static_cast<char>(value);
  }
  return secret;
}

}  // namespace spse::domain
