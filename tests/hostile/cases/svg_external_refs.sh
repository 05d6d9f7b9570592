# SVGs pointing outside themselves: <image href> to /etc/passwd and a local
# PNG, xi:include of /etc/passwd as text, an external <use>, CSS @import.
# librsvg loads none of them: the drawing is made, the files stay unread.
cp "$IMAGES/rgba.png" near.png
cat >ext.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:xi="http://www.w3.org/2001/XInclude" width="200" height="100">
  <style>@import url("/etc/passwd");</style>
  <image href="/etc/passwd" width="10" height="10"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <image href="near.png" width="10" height="10"/>
  <use href="other.svg#x"/>
  <text x="10" y="50">debut <xi:include href="/etc/passwd" parse="text"/> fin</text>
</svg>
SVG
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect id="x" width="5" height="5"/></svg>\n' >other.svg
printf '# Dessin\n\n![dessin](ext.svg)\n\nApres le dessin.\n' >img.md
run img.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Apres le dessin.'
expect_lacks out.pdf 'root:x:0'
expect_lacks out.pdf 'nologin'
run img.md -o out.epub
expect_exit 0
expect_lacks out.epub 'root:x:0'
expect_lacks out.epub 'href="/etc/passwd"'
