# One line of 1.1 MB (the default limit is 1 MiB).
echo '# Title'
head -c 1100000 /dev/zero | tr '\0' 'a'
echo
