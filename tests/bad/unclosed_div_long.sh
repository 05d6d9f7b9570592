# A ::: div never closed whose opening line is 10,000 bytes long: the error
# quotes its start (57 bytes, not cutting "é" in two) and "...", not all
# of it.
printf '::: {.note title="'
i=0
while [ $i -lt 5000 ]; do printf 'é'; i=$((i + 1)); done
printf '"}\n\nTexte.\n'
exit 0
