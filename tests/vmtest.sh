#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# vmtest.sh - the example drivers loaded and exercised under QEMU, for the
# newest tree and for 6.1 (see tests/examples.sh, which runs both).
exec "$(dirname "$0")/examples.sh" vmtest
