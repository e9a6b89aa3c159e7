//go:build !sqlite_purego

package sqlitedb

import (
	"fmt"
	"testing"

	"github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// Constraint violations are named by the driver's extended codes: the
// message ("constraint failed" here) says nothing.
func TestClassifyByExtendedCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want engine.Fault
	}{
		{"unique", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintUnique},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintUnique}},
		{"primary key", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintPrimaryKey},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintUnique}},
		{"foreign key", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintForeignKey},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintForeignKey}},
		{"foreign key RESTRICT", fmt.Errorf("orm: delete: %w", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintTrigger}),
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintForeignKey}},
		{"not null", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintNotNull},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintNotNull}},
		{"check", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintCheck},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintCheck}},
		{"other constraint", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintVTab},
			engine.Fault{Class: engine.Constraint, Constraint: engine.ConstraintOther}},
		{"busy", sqlite3.Error{Code: sqlite3.ErrBusy}, engine.Fault{Class: engine.Unavailable}},
		{"locked", sqlite3.Error{Code: sqlite3.ErrLocked}, engine.Fault{Class: engine.Unavailable}},
		{"other", sqlite3.Error{Code: sqlite3.ErrError}, engine.Fault{Class: engine.Other}},
		{"not SQLite's", fmt.Errorf("unique constraint failed"), engine.Fault{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Classify(tt.err))
		})
	}
}
