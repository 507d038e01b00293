/** Sample application compiled with the checks; filled in by the testdata work. */
package demo;
