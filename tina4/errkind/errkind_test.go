package errkind_test

import (
	"errors"
	"fmt"
	"testing"

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
			if got := errkind.Of(tt.err); got != tt.want {
				t.Fatalf("Of(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestWrapKeepsChain(t *testing.T) {
	base := errors.New("base")
	err := errkind.Wrap(errkind.Invalid, base)
	if !errors.Is(err, base) {
		t.Fatal("errors.Is lost the wrapped error")
	}
	if err.Error() != "base" {
		t.Fatalf("message = %q", err.Error())
	}
	if errkind.Wrap(errkind.Invalid, nil) != nil {
		t.Fatal("Wrap(nil) must be nil")
	}
}

func TestDetails(t *testing.T) {
	err := fmt.Errorf("crud: create: %w", detailed{lines: []string{"title: This field is required"}})
	got := errkind.Details(err)
	if len(got) != 1 || got[0] != "title: This field is required" {
		t.Fatalf("Details = %v", got)
	}
	if errkind.Details(errors.New("x")) != nil {
		t.Fatal("plain error has no details")
	}
}

func TestKindString(t *testing.T) {
	if errkind.NotFound.String() != "not found" || errkind.Kind(200).String() != "unknown" {
		t.Fatal("String names are wrong")
	}
}
