// After the three builds of invoker.properties: what a user sees, in order.
String log = new File(basedir, 'build.log').getText('UTF-8')
File outbox = new File(basedir, 'src/main/java/com/example/outbox/Outbox.java')

// 1. The finding fails the first build: README.md shows that error line, for a project under
//    /home/you/outbox/, and the docs link follows it.
String readmeText = new File(readme).getText('UTF-8')
String shown = readmeText.readLines().find { it.startsWith('[ERROR] /home/you/outbox/') }
assert shown != null : 'README.md shows no error line of the consumer build'
assert log.contains(shown.replace('/home/you/outbox/', basedir.path + '/')) :
    "the first build did not report the seeded bug as README.md shows it:\n${shown}"
assert log =~ /\(see https?:\/\/\S+\/BlockingPutUnderLock\.md\)/ : 'the finding has no docs link'

// 2. Patch mode rewrote the send into a non-blocking offer whose false is handled.
String fixed = outbox.getText('UTF-8')
assert !fixed.contains('pending.put(') : "patch mode left the blocking send:\n${fixed}"
assert fixed.contains('if (!pending.offer(message')  : "patch mode did not rewrite the send:\n${fixed}"

// 3. Every build really compiled the class (the third, green one included).
assert log.count('Compiling 1 source file') == 3 : 'not every build compiled Outbox.java'
assert new File(basedir, 'target/classes/com/example/outbox/Outbox.class').isFile()
return true
