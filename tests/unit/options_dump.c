/*
 * options_dump.c - prints every CONFIG_TT_* option as the compiler sees it after tt_options.h,
 * and the sizes of the state structures (used by make test-core).
 *
 * Built twice: with the tt_autoconf.h that Kconfig generates from an empty defconfig
 * (-DTT_HAVE_AUTOCONF), and with no configuration at all (the #ifndef defaults of
 * tt_options.h). The two outputs must be equal. options_list.h is generated from Kconfig
 * ("OPT(CONFIG_TT_NAME)" per option), so a new option is checked without editing this file.
 * An option that ends up undefined (a bool set to n) prints its own name.
 */
#include <stdio.h>
#include "tinytrap/tinytrap.h"

#define STR(x) #x
#define XSTR(x) STR(x)
#define OPT(x) printf("%s=%s\n", #x, XSTR(x));

int main(void)
{
#include "options_list.h"
	printf("sizeof(struct tt_rx) = %lu\n", (unsigned long)sizeof(struct tt_rx));
	printf("sizeof(struct tt_conf) = %lu\n", (unsigned long)sizeof(struct tt_conf));
	printf("sizeof(struct tt_notification) = %lu\n", (unsigned long)sizeof(struct tt_notification));
	return 0;
}
