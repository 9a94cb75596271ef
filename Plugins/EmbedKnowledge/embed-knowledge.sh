#!/bin/sh
# Writes a Swift file holding every Knowledge/**/*.rj file as a string:
#   embed-knowledge.sh KNOWLEDGE_DIR OUTPUT_FILE
# Run before every build by the EmbedKnowledge plugin. The output is only
# replaced when it changes, so an unchanged knowledge base compiles nothing.
set -eu
knowledge=$1
output=$2
temporary="$output.tmp.$$"
{
    echo "// Generated before each build by Plugins/EmbedKnowledge from Knowledge/."
    echo "// Do not edit; edit the .rj files."
    echo ""
    echo "/// The shipped knowledge base: each file's path under Knowledge/ and its text."
    echo "enum EmbeddedKnowledge {"
    echo "    static let files: [(path: String, text: String)] = ["
    if [ -d "$knowledge" ]; then
        find "$knowledge" -type f -name '*.rj' | LC_ALL=C sort | while IFS= read -r file; do
            relative=${file#"$knowledge"/}
            printf '        ("%s", ########"""\n' "$relative"
            cat "$file"
            printf '\n"""########),\n'
        done
    fi
    echo "    ]"
    echo "}"
} > "$temporary"
if [ -f "$output" ] && cmp -s "$temporary" "$output"; then
    rm -f "$temporary"
else
    mv "$temporary" "$output"
fi
