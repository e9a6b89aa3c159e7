package errkind_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

type detailed struct{ lines []string }

func (d detailed) Error() string      { return "validation failed" }
func (d detailed) Kind() errkind.Kind { return errkind.Invalid }
func (d detailed) Details() []string  { return d.lines }

func TestOf(t *testing.T) {
	notFound := errkind.New(errkind.NotFound, "orm: record not found")
	tests := []struct {
		name string
		err  error
		want errkind.Kind
	}{
		{"nil", nil, errkind.Internal},
		{"plain", errors.New("boom"), errkind.Internal},
		{"sentinel", notFound, errkind.NotFound},
		{"wrapped sentinel", fmt.Errorf("orm: find notes: %w", notFound), errkind.NotFound},
		{"wrap", errkind.Wrap(errkind.Conflict, errors.New("UNIQUE constraint failed")), errkind.Conflict},
		{"double wrapped", fmt.Errorf("a: %w", fmt.Errorf("b: %w", errkind.Wrap(errkind.Unavailable, errors.New("x")))), errkind.Unavailable},
		{"custom type", fmt.Errorf("save: %w", detailed{}), errkind.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, errkind.Of(tt.err), "Of(%v)", tt.err)
		})
	}
}

func TestWrapKeepsChain(t *testing.T) {
	base := errors.New("base")
	err := errkind.Wrap(errkind.Invalid, base)
	require.ErrorIs(t, err, base, "errors.Is lost the wrapped error")
	require.Equal(t, "base", err.Error())
	require.NoError(t, errkind.Wrap(errkind.Invalid, nil), "Wrap(nil) must be nil")
}

func TestDetails(t *testing.T) {
	err := fmt.Errorf("crud: create: %w", detailed{lines: []string{"title: This field is required"}})
	require.Equal(t, []string{"title: This field is required"}, errkind.Details(err))
	assert.Nil(t, errkind.Details(errors.New("x")), "plain error has no details")
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "not found", errkind.NotFound.String())
	assert.Equal(t, "precondition failed", errkind.PreconditionFailed.String())
	assert.Equal(t, "unknown", errkind.Kind(200).String())
}
