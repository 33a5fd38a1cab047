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
 * @brief Asks the compiler to warn when a status code is ignored.
 */
#ifndef BTX_NODISCARD
#  if defined(__GNUC__) && __GNUC__ >= 4
#    define BTX_NODISCARD __attribute__((warn_unused_result))
#  else
#    define BTX_NODISCARD
#  endif
#endif

#endif /* BTXDOSE_EXPORT_H */
