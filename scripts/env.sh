# Sourced by the scripts: puts the project's npm tools (wasm-opt, playwright) and cargo's bin on PATH.
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
