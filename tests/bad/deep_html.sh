# 100,000 nested <span> tags in one paragraph.
printf 'Text '
head -c 100000 /dev/zero | tr '\0' 'x' | sed 's/x/<span>/g'
echo ' deep'
