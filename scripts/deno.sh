#!/bin/sh
# `deno task` runs a node_modules/.bin entry named like the command through Deno as JavaScript;
# when the npm `deno` package is installed (it is a dev dependency), that entry is Deno's native
# binary and the task fails. Going through sh resolves `deno` on PATH like any program.
exec deno "$@"
