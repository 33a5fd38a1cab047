/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file export.h
 * @brief Export macro and compiler helpers shared by every public header.
 *
 * THREAD SAFETY: this header declares no functions.
 */
#ifndef BTXDOSE_EXPORT_H
#define BTXDOSE_EXPORT_H

/**
 * @def BTX_API
 * @brief Marks a function as part of the public ABI of libbtxdose.
 *
 * Every other symbol of the library is hidden. On Windows the macro expands to
 * `dllexport` while the library itself is built (`BTX_BUILDING`), to nothing for a
 * static build (`BTX_STATIC`) and to `dllimport` otherwise.
 */
#ifndef BTX_API
#  if defined(_WIN32) || defined(__CYGWIN__)
#    if defined(BTX_STATIC)
#      define BTX_API
#    elif defined(BTX_BUILDING)
#      define BTX_API __declspec(dllexport)
#    else
#      define BTX_API __declspec(dllimport)
#    endif
#  elif defined(__GNUC__) && __GNUC__ >= 4
#    define BTX_API __attribute__((visibility("default")))
#  else
#    define BTX_API
#  endif
#endif

/**
 * @def BTX_NODISCARD
 * @brief Asks the compiler to warn when the status code of a call is ignored.
 *
 * Every public function that returns a #btx_error code carries it (since 1.2): a call
 * whose result is not looked at is a call whose failure goes unnoticed, and its output
 * arguments are then not written. C++17 and later: `[[nodiscard]]`; gcc and clang
 * otherwise: `__attribute__((warn_unused_result))` (gcc does not accept a cast to void as
 * looking at the result: test it, `if (btx_...(...) != BTX_OK)`); other compilers:
 * nothing. Define it before including a header to choose otherwise (e.g. empty).
 * @since 1.2
 */
#ifndef BTX_NODISCARD
#  if defined(__cplusplus) && __cplusplus >= 201703L
#    define BTX_NODISCARD [[nodiscard]]
#  elif defined(__GNUC__) && __GNUC__ >= 4
#    define BTX_NODISCARD __attribute__((warn_unused_result))
#  else
#    define BTX_NODISCARD
#  endif
#endif

#endif /* BTXDOSE_EXPORT_H */
