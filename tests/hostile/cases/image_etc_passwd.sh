# Images naming /etc/passwd (absolute, file: URL, percent-encoded): placeholders
# with a warning, and no byte of the file in either output.
cat >img.md <<'MD'
# Images

![a](/etc/passwd)

![b](file:///etc/passwd)

<img src="/etc/passwd" alt="c">

![d](%2Fetc%2Fpasswd)
MD
for out in out.pdf out.epub; do
    run img.md -o $out
    expect_exit 0
    expect_err_re "^img.md:3: warning: image '?/etc/passwd'?: absolute path refused"
    expect_err_re "^img.md:5: warning: image '?file:///etc/passwd'?: unsupported URL scheme"
    expect_err_re "^img.md:7: warning: image '?/etc/passwd'?: absolute path refused"
    expect_err_re "^img.md:9: warning: image '?%2Fetc%2Fpasswd'?: not found"
    expect_lacks $out 'root:x:0'
    expect_lacks $out 'nologin'
done
