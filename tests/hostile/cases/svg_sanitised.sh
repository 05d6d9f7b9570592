# SVGs that would run or fetch something in a reading system: scripts, event
# attributes, foreign objects, animations retargeting a link, javascript:
# links, a stylesheet processing instruction, video posters. In the EPUB they
# stay vector with all of that taken out (libxml2, not a text search); CSS
# reaching outside, even behind CSS escapes ("\75 rl(" is "url(") or split by
# a comment, makes the SVG a drawing. epubcheck passes.
cat >script.svg <<'SVG'
<?xml version="1.0"?>
<?xml-stylesheet href="http://evil.example/s.css" type="text/css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" onload="alert(1)">
  <script>alert(2)</script>
  <SCRIPT>alert(5)</SCRIPT>
  <rect width="50" height="30" fill="#c33" onclick="steal()" OnMouseOver="x()"/>
  <foreignObject width="50" height="20"><div xmlns="http://www.w3.org/1999/xhtml">html inside</div></foreignObject>
  <a href="javascript:alert(3)"><text x="5" y="50">lien</text></a>
  <a xlink:href="#r"><text x="60" y="50" id="r">ici</text></a>
  <set attributeName="href" to="javascript:alert(4)"/>
  <video xmlns="http://www.w3.org/1999/xhtml" poster="http://evil.example/p.png"/>
</svg>
SVG
cat >escaped.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
  <style>rect { fill: \75 rl(http://evil.example/x.png) }</style>
  <rect width="40" height="40"/>
</svg>
SVG
cat >styled.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
  <rect width="40" height="40" style="fill: u\rl('http://evil.example/y.png')"/>
</svg>
SVG
# A sheet split by an XML comment or a CDATA section: the reader joins it.
cat >split.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
  <style>@im<!-- a comment -->port "http://evil.example/c.css"; rect { fill: u<![CDATA[rl(http://evil.example/z.png)]]> }</style>
  <rect width="40" height="40"/>
</svg>
SVG
printf '# Dessins\n\n![script](script.svg)\n\n![escaped](escaped.svg)\n\n![styled](styled.svg)\n\n![split](split.svg)\n\nFin.\n' >img.md
run img.md -o out.epub
expect_exit 0
for bad in '<script' '<SCRIPT' 'alert(' 'onload' 'onclick' 'OnMouseOver' 'foreignObject' 'html inside' \
           'javascript:' '<set' 'evil.example' 'xml-stylesheet' 'poster'; do
    expect_lacks out.epub "$bad"
done
expect_has out.epub 'id="r"'
[ "$(unzip -l out.epub | grep -c '\.svg$')" = 1 ] || fail "the cleaned SVG is not kept as a vector: $(unzip -l out.epub | grep -E 'svg|png')"
# the three with outside CSS draw the same picture: one PNG (the cover is a JPEG)
[ "$(unzip -l out.epub | grep -v 'images/cover\.' | grep -c '\.png$')" -ge 1 ] || fail "the SVGs with outside CSS were not drawn as PNG"
expect_epubcheck out.epub
