/*
 * tt_options.h - the one options header of the tinytrap core.
 *
 * It pulls in the configuration (a file named by TT_CONFIG_FILE, or the header that the Kconfig
 * tools generate, tt_autoconf.h, when TT_HAVE_AUTOCONF is defined), then supplies a default for
 * every CONFIG_TT_* option that was not set - equal to the Kconfig default - and checks every
 * value against the range the Kconfig file declares. It holds no code.
 */
#ifndef TT_OPTIONS_H
#define TT_OPTIONS_H

#if defined(TT_CONFIG_FILE)
#include TT_CONFIG_FILE
#elif defined(TT_HAVE_AUTOCONF)
#include "tt_autoconf.h"
#endif

/* Defaults: keep equal to the "default" lines of Kconfig (make test-core checks, tests/unit/options_dump.c). */
#ifndef CONFIG_TT_MAX_MSG_SIZE
#define CONFIG_TT_MAX_MSG_SIZE 1500
#endif
#ifndef CONFIG_TT_MAX_VARBINDS
#define CONFIG_TT_MAX_VARBINDS 32
#endif
#ifndef CONFIG_TT_MAX_COMMUNITIES
#define CONFIG_TT_MAX_COMMUNITIES 4
#endif
#ifndef CONFIG_TT_COMMUNITY_MAX_LEN
#define CONFIG_TT_COMMUNITY_MAX_LEN 32
#endif
#ifndef CONFIG_TT_DEDUP_RING
#define CONFIG_TT_DEDUP_RING 16
#endif
#ifndef CONFIG_TT_DEDUP_WINDOW_S
#define CONFIG_TT_DEDUP_WINDOW_S 60
#endif
#ifndef CONFIG_TT_MAX_USERS
#define CONFIG_TT_MAX_USERS 8
#endif
#ifndef CONFIG_TT_KEY_CACHE
#define CONFIG_TT_KEY_CACHE 8
#endif
#ifndef CONFIG_TT_SLOW_KEYS_PER_S
#define CONFIG_TT_SLOW_KEYS_PER_S 20
#endif
#ifndef CONFIG_TT_REMOTE_ENGINES
#define CONFIG_TT_REMOTE_ENGINES 16
#endif
#ifndef CONFIG_TT_REPORTS_PER_S
#define CONFIG_TT_REPORTS_PER_S 20
#endif
#ifndef CONFIG_TT_REPORTS_PER_SOURCE
#define CONFIG_TT_REPORTS_PER_SOURCE 10
#endif
#ifndef CONFIG_TT_REPORT_SOURCES
#define CONFIG_TT_REPORT_SOURCES 16
#endif

/* Range checks: keep equal to the "range" lines of Kconfig. */
#if CONFIG_TT_MAX_MSG_SIZE < 484 || CONFIG_TT_MAX_MSG_SIZE > 65507
#error "CONFIG_TT_MAX_MSG_SIZE must be 484..65507 (RFC 3417 minimum to the largest UDP payload)"
#endif
#if CONFIG_TT_MAX_VARBINDS < 2 || CONFIG_TT_MAX_VARBINDS > 1024
#error "CONFIG_TT_MAX_VARBINDS must be 2..1024"
#endif
#if CONFIG_TT_MAX_COMMUNITIES < 1 || CONFIG_TT_MAX_COMMUNITIES > 64
#error "CONFIG_TT_MAX_COMMUNITIES must be 1..64"
#endif
#if CONFIG_TT_COMMUNITY_MAX_LEN < 1 || CONFIG_TT_COMMUNITY_MAX_LEN > 255
#error "CONFIG_TT_COMMUNITY_MAX_LEN must be 1..255"
#endif
#if CONFIG_TT_DEDUP_RING < 0 || CONFIG_TT_DEDUP_RING > 1024
#error "CONFIG_TT_DEDUP_RING must be 0..1024"
#endif
#if CONFIG_TT_DEDUP_WINDOW_S < 1 || CONFIG_TT_DEDUP_WINDOW_S > 3600
#error "CONFIG_TT_DEDUP_WINDOW_S must be 1..3600"
#endif
#if CONFIG_TT_MAX_USERS < 1 || CONFIG_TT_MAX_USERS > 255
#error "CONFIG_TT_MAX_USERS must be 1..255"
#endif
#if CONFIG_TT_KEY_CACHE < 1 || CONFIG_TT_KEY_CACHE > 1024
#error "CONFIG_TT_KEY_CACHE must be 1..1024"
#endif
#if CONFIG_TT_SLOW_KEYS_PER_S < 1 || CONFIG_TT_SLOW_KEYS_PER_S > 10000
#error "CONFIG_TT_SLOW_KEYS_PER_S must be 1..10000"
#endif
#if CONFIG_TT_REMOTE_ENGINES < 1 || CONFIG_TT_REMOTE_ENGINES > 4096
#error "CONFIG_TT_REMOTE_ENGINES must be 1..4096"
#endif
#if CONFIG_TT_REPORTS_PER_S < 1 || CONFIG_TT_REPORTS_PER_S > 10000
#error "CONFIG_TT_REPORTS_PER_S must be 1..10000"
#endif
#if CONFIG_TT_REPORTS_PER_SOURCE < 1 || CONFIG_TT_REPORTS_PER_SOURCE > 10000
#error "CONFIG_TT_REPORTS_PER_SOURCE must be 1..10000"
#endif
#if CONFIG_TT_REPORT_SOURCES < 1 || CONFIG_TT_REPORT_SOURCES > 4096
#error "CONFIG_TT_REPORT_SOURCES must be 1..4096"
#endif

#endif /* TT_OPTIONS_H */
