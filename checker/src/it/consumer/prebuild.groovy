// Before the consumer is built: the README must show exactly what this project uses, and the
// patch profile must be the README's block plus the patch flags, nothing else.
// Script variables (checker/pom.xml): readme = README.md; basedir = this project, already filtered.

// The lines of a text without indentation and blank lines: blocks compare line by line.
def lines = { String text -> text.readLines()*.trim().findAll { !it.isEmpty() } }
// The Error Prone version is the one this build runs with (a version matrix may vary it), while
// the README shows its default; stallcheck's version must match.
def maskErrorProneVersion = { List<String> text ->
  text.collect { it.replaceAll('<errorprone.version>[^<]*</errorprone.version>', '<errorprone.version>…</errorprone.version>') }
}

String readmeText = new File(readme).getText('UTF-8')
int section = readmeText.indexOf('\n## Installing in a project')
assert section >= 0 : 'README.md has no "Installing in a project" section'
int maven = readmeText.indexOf('\n### Maven', section)
int mavenEnd = readmeText.indexOf('\n### ', maven + 1)
assert maven >= 0 && mavenEnd > maven : 'README.md has no "### Maven" part in "Installing in a project"'
List<String> xmlBlocks = (readmeText.substring(maven, mavenEnd) =~ /(?s)\n```xml\n(.*?)\n```/).collect { it[1] }
assert xmlBlocks.size() >= 3 : "README.md's Maven part shows ${xmlBlocks.size()} xml blocks, expected properties, compiler and toolchains"

List<String> pom = maskErrorProneVersion(lines(new File(basedir, 'pom.xml').getText('UTF-8')))
xmlBlocks.each { block ->
  List<String> shown = maskErrorProneVersion(lines(block))
  boolean found = (0..pom.size() - shown.size()).any { pom.subList(it, it + shown.size()) == shown }
  assert found : "README.md's block is not in checker/src/it/consumer/pom.xml, verbatim:\n${block}"
}

def project = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
def xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath()
def compilerArgs = { String plugins ->
  def args = xpath.evaluate("${plugins}/plugin[artifactId='maven-compiler-plugin']/configuration/compilerArgs/arg",
      project, javax.xml.xpath.XPathConstants.NODESET)
  (0..<args.length).collect { args.item(it).textContent }
}
List<String> plain = compilerArgs('/project/build/plugins')
List<String> patch = compilerArgs("/project/profiles/profile[id='patch']/build/plugins")
List<String> expected = plain.collect {
  it.startsWith('-Xplugin:ErrorProne ')
      ? it + ' -XepPatchChecks:BlockingPutUnderLock,ReleaseOrderedByTimeout -XepPatchLocation:IN_PLACE'
      : it
}
assert !plain.isEmpty() && patch == expected : "the patch profile's compilerArgs are not the block's plus the patch flags:\n${patch}"
return true
