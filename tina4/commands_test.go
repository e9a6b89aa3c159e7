package tina4_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/migrate"
)

// Every command the help lists is one RunCommand carries out.
func TestCommandsAreRunnable(t *testing.T) {
	cmds := tina4.Commands()
	assert.NotEmpty(t, cmds)
	for _, c := range cmds {
		assert.True(t, tina4.IsCommand([]string{c.Name}), "%s is listed but not a command", c.Name)
	}
}

// Every command the migrations carry out is in the help.
func TestEveryCommandIsListed(t *testing.T) {
	var names []string
	for _, c := range tina4.Commands() {
		names = append(names, c.Name)
	}
	for _, name := range []string{migrate.CmdMigrate, migrate.CmdRollback, migrate.CmdStatus, migrate.CmdCreate, migrate.CmdDiff} {
		assert.Contains(t, names, name)
	}
}

func TestIsHelp(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"-h"}, true}, {[]string{"--help"}, true}, {[]string{"-help"}, true}, {[]string{"help"}, true},
		{nil, false}, {[]string{"migrate"}, false}, {[]string{"helpme"}, false},
	} {
		assert.Equal(t, tt.want, tina4.IsHelp(tt.args), "%q", tt.args)
	}
}

func TestWriteUsage(t *testing.T) {
	var b strings.Builder
	tina4.WriteUsage(&b, "go run .")
	for _, c := range tina4.Commands() {
		assert.Contains(t, b.String(), "  "+c.Name+" ")
	}
	assert.Contains(t, b.String(), "usage: go run .")
}
