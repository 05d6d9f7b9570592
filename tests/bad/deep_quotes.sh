# 100,000 nested block quotes.
head -c 100000 /dev/zero | tr '\0' '>'
echo ' deep'
