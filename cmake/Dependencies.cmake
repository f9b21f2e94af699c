# Every outside library SPSE uses, found once. All come from Debian packages
# (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
# libcrypto: SHA-256 with the CPU's SHA extensions (libcurl4-openssl-dev brings libssl-dev).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)

# SOCI ships no CMake config on Debian.
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
add_library(spse_soci INTERFACE)
target_link_libraries(spse_soci INTERFACE ${SOCI_SQLITE3_LIB} ${SOCI_POSTGRESQL_LIB} ${SOCI_CORE_LIB}
  SQLite::SQLite3 PostgreSQL::PostgreSQL ${CMAKE_DL_LIBS})
target_include_directories(spse_soci SYSTEM INTERFACE /usr/include/postgresql)

# libharu (PDF) ships no pkg-config file on Debian.
find_library(HPDF_LIB hpdf REQUIRED)
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)

find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
find_path(TOML11_INCLUDE_DIR toml.hpp REQUIRED)
find_path(DATE_INCLUDE_DIR date/date.h REQUIRED)

if(SPSE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SPSE_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
