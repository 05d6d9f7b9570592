# 100,000 nested emphasis openers and closers.
head -c 50000 /dev/zero | tr '\0' '*'
printf 'x'
head -c 50000 /dev/zero | tr '\0' '*'
echo
